// The log configuration: no credentials, and no personal data — URLs and error texts pass the
// redactor, headers that carry secrets are removed.
import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import { redactText } from './lib/redact.ts';

export function loggerOptions(level: string, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactText(req.url), ip: req.ip }),
    },
  };
}
