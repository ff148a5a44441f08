/**
 * The deployment is configured only by the variables the README lists: its configuration table must
 * name exactly the variables the apps read (CONFIG_VARIABLES in @ikrar/config), no more, no fewer.
 */
import { CONFIG_VARIABLES } from '@ikrar/config';
import { readmeConfigurationVariables } from './deployment-files';

describe("README.md's configuration table", () => {
  const documented = readmeConfigurationVariables();
  const read = CONFIG_VARIABLES.map((variable) => variable.name);

  it('exists', () => {
    expect(documented.length).toBeGreaterThan(0);
  });

  it('lists every variable the apps read', () => {
    const undocumented = read.filter((name) => !documented.includes(name));
    expect(undocumented).toEqual([]);
  });

  it('lists no variable the apps do not read', () => {
    const stale = documented.filter((name) => !read.includes(name));
    expect(stale).toEqual([]);
  });
});
