// One server for the whole browser suite: started before the first file, stopped after the last.
import type { TestProject } from 'vitest/node';
import { resetCheckedRoutes } from './a11y-sweep.ts';
import { startServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  resetCheckedRoutes();
  const server = await startServer();
  project.provide('baseUrl', server.baseUrl);
  return () => server.stop();
}
