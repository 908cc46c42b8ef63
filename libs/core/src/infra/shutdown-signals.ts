/** The signals that stop the service cleanly: a supervisor's, a terminal's Ctrl-C, a closed terminal. */
export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;
