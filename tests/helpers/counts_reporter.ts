import type { NamedReporterContract } from '@japa/runner/types'

/**
 * Prints the line CI reads: `N passed, N failed, N skipped`. Written synchronously at
 * runner:end (the process may exit right after); `scripts/run.mjs test` repeats it as
 * the very last line of the output.
 */
export function countsReporter(): NamedReporterContract {
  return {
    name: 'counts',
    handler: (runner, emitter) => {
      emitter.on('runner:end', () => {
        const { passed, failed, skipped } = runner.getSummary().aggregates
        process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`)
      })
    },
  }
}
