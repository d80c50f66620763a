// Who is signed in, and whether the first-run setup is still due. Read by the app's gate before
// any page shows, so they are plain fetchers rather than hooks.
import { z } from 'zod';
import { meSchema, type Me } from '../../../../src/contracts/common';
import { apiGet, checked } from '../../lib/api';

const setupStatus = z.object({ needsSetup: z.boolean() });

export async function getMe(): Promise<Me> {
  return checked(meSchema, await apiGet('/auth/me'), 'GET /auth/me');
}
export async function getSetupStatus(): Promise<{ needsSetup: boolean }> {
  return checked(setupStatus, await apiGet('/setup/status'), 'GET /setup/status');
}
