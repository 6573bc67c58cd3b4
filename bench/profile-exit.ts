/*
 * Preloaded (node --require) into the API when BENCH_PROFILE is set: exit
 * normally on SIGTERM so that V8 writes the --cpu-prof profile (a process
 * killed by the signal writes none).
 */
process.once('SIGTERM', () => process.exit(0));
