import { afterAll, expect } from 'vitest';

import { leakedSecrets } from './secrets';

// After every test file: no API key, client secret or token in any output or error it produced.
afterAll(() => {
	expect(leakedSecrets()).toEqual([]);
});
