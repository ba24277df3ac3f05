/*
|--------------------------------------------------------------------------
| JavaScript entrypoint for running ace commands
|--------------------------------------------------------------------------
| TypeScript is executed through @poppinss/ts-exec (JIT, no build step).
*/
await import('@poppinss/ts-exec')
await import('./bin/console.js')
