import { InitialSchema1795305600000 } from '../../migrations/1795305600000-initial-schema';

/** Every migration, in order. Listed explicitly so the build and the tests run the same set. */
export const MIGRATIONS = [InitialSchema1795305600000];
