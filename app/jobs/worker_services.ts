/*
| Long-running services started with the worker process (`node ace queue:work`), next
| to the BullMQ workers: e.g. the IoT module's MQTT subscriber. Modules register a
| factory from their provider; the command starts them after the workers and stops
| them on shutdown, before the queues close.
*/
export interface RunningService {
  stop(): Promise<void>
}

type ServiceFactory = () => Promise<RunningService>

const factories = new Map<string, ServiceFactory>()

export function registerWorkerService(name: string, factory: ServiceFactory) {
  factories.set(name, factory)
}

export function workerServiceNames() {
  return [...factories.keys()]
}

/** Starts every registered service; one failing to start is logged, not fatal. */
export async function startWorkerServices(
  log: (message: string) => void = () => {}
): Promise<RunningService> {
  const running: RunningService[] = []
  for (const [name, factory] of factories) {
    try {
      running.push(await factory())
      log(`worker service started: ${name}`)
    } catch (error) {
      log(`worker service ${name} failed to start: ${(error as Error).message}`)
    }
  }
  return {
    async stop() {
      await Promise.allSettled(running.map((s) => s.stop()))
    },
  }
}
