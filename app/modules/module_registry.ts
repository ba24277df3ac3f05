import type { ModuleManifest } from '#core_modules/module_manifest'
import { registerPermissions } from '#policies/permissions'

/** Every feature module registers its manifest here from its provider. Order is stable. */
class ModuleRegistry {
  #modules = new Map<string, ModuleManifest>()

  register(manifest: ModuleManifest) {
    if (this.#modules.has(manifest.key)) return
    this.#modules.set(manifest.key, manifest)
    registerPermissions(manifest.permissions)
  }

  all(): ModuleManifest[] {
    return [...this.#modules.values()]
  }

  get(key: string): ModuleManifest | undefined {
    return this.#modules.get(key)
  }

  has(key: string): boolean {
    return this.#modules.has(key)
  }

  keys(): string[] {
    return [...this.#modules.keys()]
  }
}

const moduleRegistry = new ModuleRegistry()
export default moduleRegistry
