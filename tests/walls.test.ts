// The walls of docs/ARCHITECTURE.md are ESLint rules (eslint.config.js): each crossing below, linted
// as if it stood in the named file, must be refused — so a wall cannot be dropped from the config
// unnoticed. Walls that hold need no test here: `npm run lint` passes on the tree.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId?.includes('no-restricted-imports')).map((m) => m.message);
}

describe('the walls refuse a crossing', () => {
  it.each([
    ['a module importing another module’s repository', 'server/modules/points/crossing.ts', "import { x } from '../orgs/orgs.repo.ts';\nexport const y = x;\n"],
    ['the core importing a module', 'server/http/crossing.ts', "import { x } from '../modules/orgs/orgs.service.ts';\nexport const y = x;\n"],
    ['a contract importing something but zod', 'contracts/crossing.ts', "import { x } from '../server/errors.ts';\nexport const y = x;\n"],
    ['the console importing the member app', 'web/console/crossing.ts', "import { x } from '../member/services.tsx';\nexport const y = x;\n"],
    ['the member app importing the console', 'web/member/crossing.ts', "import { x } from '../console/navigation.tsx';\nexport const y = x;\n"],
    ['web/shared importing an app', 'web/shared/crossing.ts', "import { x } from '../member/services.tsx';\nexport const y = x;\n"],
    ['a console feature importing another feature', 'web/console/features/points/crossing.ts', "import { x } from '../orgs/OrgTree.tsx';\nexport const y = x;\n"],
  ])('%s', async (_what, filePath, code) => {
    expect((await refusals(filePath, code)).length).toBeGreaterThan(0);
  });

  it('and lets a module reach another through its service', async () => {
    expect(await refusals('server/modules/points/crossing.ts', "import { x } from '../orgs/orgs.service.ts';\nexport const y = x;\n")).toEqual([]);
  });
});
