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

  protected override formatContext(context: string): string {
    const correlationId = currentCorrelationId();
    return super.formatContext(correlationId ? `${context}] [${correlationId}` : context);
  }
}
