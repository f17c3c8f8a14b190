import { Writable } from 'node:stream';
import { Context, context, ContextManager, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { createLogger, PinoNestLogger } from './logger';

/** Synchronous stand-in for the SDK's async-hooks context manager: enough for code that logs inside `with`. */
class StackContextManager implements ContextManager {
  private current: Context = ROOT_CONTEXT;
  active(): Context {
    return this.current;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    const previous = this.current;
    this.current = ctx;
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.current = previous;
    }
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    return this;
  }
}

function capture(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  beforeAll(() => context.setGlobalContextManager(new StackContextManager()));
  afterAll(() => context.disable());

  it('writes JSON lines carrying the active span’s trace and span ids', () => {
    const { lines, stream } = capture();
    const logger = createLogger('info', stream);
    const span = trace.wrapSpanContext({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 });
    context.with(trace.setSpan(ROOT_CONTEXT, span), () => logger.info('inside'));
    logger.info('outside');
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'inside', trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331', trace_flags: '01' });
    expect(lines[1]).toMatchObject({ msg: 'outside' });
    expect(lines[1]).not.toHaveProperty('trace_id');
  });

  it('redacts connection strings', () => {
    const { lines, stream } = capture();
    createLogger('info', stream).info({ azureStorageConnectionString: 'AccountKey=secret' }, 'config');
    expect(JSON.stringify(lines[0])).not.toContain('secret');
  });

  it('carries Nest messages with their context and level', () => {
    const { lines, stream } = capture();
    const nest = new PinoNestLogger(createLogger('debug', stream));
    nest.log('mapped route', 'RoutesResolver');
    nest.error('boom', 'stack trace here', 'ExceptionsHandler');
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'mapped route', context: 'RoutesResolver' });
    expect(lines[1]).toMatchObject({ level: 'error', msg: 'boom', context: 'ExceptionsHandler', stack: 'stack trace here' });
  });
});
