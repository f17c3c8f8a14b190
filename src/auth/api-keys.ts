import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Consumer } from './consumer';

interface KeyEntry {
  clientId: string;
  hash: Buffer;
  roles: ReadonlySet<string>;
}

const LINE = /^([A-Za-z0-9][\w.-]{0,63}):([0-9a-f]{64}):([\w.,-]+)$/;

/**
 * API keys for gateways that use keys instead of tokens, from a file mounted from a Kubernetes Secret: one
 * `<client-id>:<sha256 hex of the key>:<role>,<role>` per line, `#` comments. Only hashes are stored, so the
 * file grants nothing if read; keys are compared in constant time.
 */
export class ApiKeys {
  private constructor(private readonly entries: KeyEntry[]) {}

  static parse(text: string, source: string): ApiKeys {
    const entries: KeyEntry[] = [];
    text.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const match = LINE.exec(line);
      if (!match) throw new Error(`${source} line ${i + 1} must be <client-id>:<sha256 hex>:<roles>`);
      entries.push({ clientId: match[1], hash: Buffer.from(match[2], 'hex'), roles: new Set(match[3].split(',')) });
    });
    return new ApiKeys(entries);
  }

  static load(file: string): ApiKeys {
    return ApiKeys.parse(readFileSync(file, 'utf8'), file);
  }

  static hash(key: string): string {
    return createHash('sha256').update(key).digest('hex');
  }

  verify(key: string): Consumer | undefined {
    const hash = createHash('sha256').update(key).digest();
    let found: KeyEntry | undefined;
    // Every entry is compared, so the time taken says nothing about which one matched.
    for (const entry of this.entries) if (timingSafeEqual(entry.hash, hash)) found ??= entry;
    return found && { clientId: found.clientId, roles: found.roles, via: 'api-key' };
  }
}
