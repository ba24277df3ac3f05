import type { NamedReporterContract } from '@japa/runner/types'

/** Prints the one closing line CI reads: `N passed, N failed`. */
export function countsReporter(): NamedReporterContract {
  return {
    name: 'counts',
    handler: (runner, emitter) => {
      emitter.on('runner:end', () => {
        const summary = runner.getSummary()
        const failed = summary.aggregates.failed
        const { passed, skipped } = summary.aggregates
        // Japa prints its own report first; this line must stay last and alone.
        setImmediate(() =>
          process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`)
        )
      })
    },
  }
}
