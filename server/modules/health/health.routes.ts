import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get('/healthz', {
    schema: {
      tags: ['health'],
      summary: '健康检查',
      response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) }) },
    },
    handler: async (req) => {
      await req.server.deps.db.query('SELECT 1');
      return { status: 'ok' as const, db: req.server.deps.db.engine };
    },
  });
}
