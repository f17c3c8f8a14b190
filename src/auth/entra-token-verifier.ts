import { createRemoteJWKSet, errors, jwtVerify, JWTPayload } from 'jose';
import { CredentialsInvalidError } from './auth.errors';
import { Consumer } from './consumer';

export interface EntraSettings {
  jwksUrl: string;
  issuer: string;
  audience: string;
}

function rolesOf(payload: JWTPayload): Set<string> {
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
  const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ').filter(Boolean) : [];
  return new Set([...roles, ...scopes]);
}

/**
 * Verifies Microsoft Entra ID access tokens with jose against the tenant's JWKS (fetched, cached and refreshed
 * on an unknown key id by createRemoteJWKSet): signature (RS256), issuer, audience, expiry and not-before.
 */
export class EntraTokenVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly settings: EntraSettings) {
    this.keys = createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  }

  async verify(token: string): Promise<Consumer> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ['RS256'],
        clockTolerance: 60,
      }));
    } catch (error) {
      throw new CredentialsInvalidError(`the bearer token is not valid here: ${reasonOf(error)}`);
    }
    const clientId = [payload.azp, payload.appid, payload.sub].find((v): v is string => typeof v === 'string' && v.length > 0);
    if (!clientId) throw new CredentialsInvalidError('the bearer token names no client (azp, appid or sub)');
    return { clientId, roles: rolesOf(payload), via: 'entra' };
  }
}

// A short, safe reason: which check failed, never the token or the key set's URL.
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim} is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) return 'signature does not verify';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JOSEError) return (error as errors.JOSEError).code.toLowerCase();
  return 'malformed';
}
