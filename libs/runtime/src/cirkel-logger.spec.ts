import { withCorrelation } from '@cirkel/messaging';
import { CirkelLogger } from './cirkel-logger';

function captured(write: () => void): string[] {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    write();
  } finally {
    spy.mockRestore();
  }
  return lines;
}

describe('CirkelLogger', () => {
  it('writes JSON lines with the service and the correlation id of the work under way', async () => {
    const logger = new CirkelLogger('partners', { logLevel: 'log', logFormat: 'json' });
    const lines = captured(() => {
      logger.log('before', 'Registration');
      withCorrelation('corr-123', () => logger.log('during', 'Registration'));
    });
    const [before, during] = lines.map((l) => JSON.parse(l));
    expect(before).toMatchObject({ level: 'log', message: 'before', context: 'Registration', service: 'partners' });
    expect(before.correlationId).toBeUndefined();
    expect(during).toMatchObject({ message: 'during', service: 'partners', correlationId: 'corr-123' });
  });

  it('keeps the correlation id across awaits', async () => {
    const logger = new CirkelLogger('ideas', { logLevel: 'log', logFormat: 'json' });
    let line = '';
    await withCorrelation('corr-456', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      line = captured(() => logger.warn('later'))[0];
    });
    expect(JSON.parse(line)).toMatchObject({ level: 'warn', correlationId: 'corr-456' });
  });

  it('puts the correlation id beside the context in text lines, and honours the level', () => {
    const logger = new CirkelLogger('gateway', { logLevel: 'warn', logFormat: 'text' });
    const lines = captured(() =>
      withCorrelation('corr-789', () => {
        logger.log('not shown', 'Auth');
        logger.warn('shown', 'Auth');
      }),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('[Auth] [corr-789]');
    expect(lines[0]).toContain('shown');
  });

  it('writes a message with line breaks or escape sequences as one text line: no one forges a log line (issue 7)', () => {
    const logger = new CirkelLogger('partners', { logLevel: 'log', logFormat: 'text' });
    const forged = 'Kringwinkel\n[Nest] 1  - 01/01/2026, 09:00:00     LOG [Auth] hub admin logged in\r\u001b[2K\u2028x';
    const lines = captured(() => logger.log(`registered ${forged}`, 'Registration'));
    expect(lines).toHaveLength(1);
    expect(lines[0].trimEnd().split('\n')).toHaveLength(1);
    expect(lines[0]).toContain('Kringwinkel\\n[Nest] 1');
    expect(lines[0]).toContain('\\r\\u001b[2K\\u2028x');
  });
});
