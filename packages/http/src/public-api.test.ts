import { expect, it } from 'vitest';
import * as api from './index.js';

it('exports exactly the documented runtime API', () => {
  expect(Object.keys(api).sort()).toEqual(['createApp', 'openApiDocument', 'startServer']);
});
