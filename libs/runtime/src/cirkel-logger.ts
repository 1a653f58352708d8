import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { CirkelConfig } from '@cirkel/config';
import { currentCorrelationId } from '@cirkel/messaging';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function logLevels(level: CirkelConfig['logLevel']): LogLevel[] {
  return LEVELS.slice(0, LEVELS.indexOf(level) + 1);
}

/**
 * Nest's console logger with the service's name and the current correlation id on every line:
 * JSON lines in production (`LOG_FORMAT=json`), readable text in development.
 */
export class CirkelLogger extends ConsoleLogger {
  constructor(private readonly service: string, config: Pick<CirkelConfig, 'logLevel' | 'logFormat'>) {
    super({ logLevels: logLevels(config.logLevel), json: config.logFormat === 'json', prefix: `cirkel-${service}` });
  }

  protected override getJsonLogObject(message: unknown, options: Parameters<ConsoleLogger['getJsonLogObject']>[1]) {
    const correlationId = currentCorrelationId();
    return { ...super.getJsonLogObject(message, options), service: this.service, ...(correlationId ? { correlationId } : {}) };
  }

  /**
   * A text line is one line whatever its message holds: a line break or another control character
   * in it (from text someone wrote, an error's message) is written escaped (`\n`), so no one can
   * forge a log line (issue 7). JSON lines are escaped by JSON itself.
   */
  protected override stringifyMessage(message: unknown, logLevel: LogLevel): string {
    return super.stringifyMessage(typeof message === 'string' && !this.options.json ? oneLine(message) : message, logLevel);
  }

  protected override formatContext(context: string): string {
    const correlationId = currentCorrelationId();
    return super.formatContext(correlationId ? `${context}] [${correlationId}` : context);
  }
}

/** Control characters and line separators as escapes (`\n`, `\u001b`); a tab stays. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
