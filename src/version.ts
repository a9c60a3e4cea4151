/** The lockstep version recorded in trace headers. Keep in step with package.json. */
export const LOCKSTEP_VERSION = '0.1.0';
