/*
| Applies the dependency patches in scripts/patches/ (run by `npm install` / `npm ci` as
| postinstall). Each patch names the package, the exact version it was written for, the
| file, and the text before and after. Idempotent: an already patched file is left alone.
| A different version or an unrecognised file stops the install with a clear message,
| so an upgrade cannot silently drop a patch: review it, then update or remove the patch.
*/
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const patchesDir = join(root, 'scripts', 'patches')

for (const name of readdirSync(patchesDir)
  .filter((f) => f.endsWith('.mjs'))
  .sort()) {
  const patch = (await import(join(patchesDir, name))).default
  const pkgDir = join(root, 'node_modules', patch.package)
  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'))
  if (version !== patch.version) {
    console.error(
      `[patches] ${name} was written for ${patch.package}@${patch.version}, found ${version}: review the patch, then update or remove it.`
    )
    process.exit(1)
  }
  const file = join(pkgDir, patch.file)
  const source = readFileSync(file, 'utf8')
  if (source.includes(patch.after)) continue
  if (!source.includes(patch.before)) {
    console.error(
      `[patches] ${name}: ${patch.package}/${patch.file} does not contain the text to patch.`
    )
    process.exit(1)
  }
  writeFileSync(file, source.replace(patch.before, patch.after))
  console.log(`[patches] applied ${name} to ${patch.package}/${patch.file}`)
}
