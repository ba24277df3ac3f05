import './css/app.css'
import { createInertiaApp } from '@inertiajs/vue3'
import { createApp, h, type DefineComponent } from 'vue'

const pages = {
  ...import.meta.glob<DefineComponent>('./pages/**/*.vue'),
  ...import.meta.glob<DefineComponent>('../../modules/*/ui/pages/**/*.vue'),
}

/** Core pages live in resources/inertia/pages; a module's pages are named `<module>/<page>`. */
function resolvePage(name: string) {
  const core = pages[`./pages/${name}.vue`]
  if (core) return core()
  const [moduleKey, ...rest] = name.split('/')
  const fromModule = pages[`../../modules/${moduleKey}/ui/pages/${rest.join('/')}.vue`]
  if (fromModule) return fromModule()
  throw new Error(`Page not found: ${name}`)
}

createInertiaApp({
  title: (title) => (title ? `${title} · VME` : 'VME'),
  resolve: resolvePage,
  setup({ el, App, props, plugin }) {
    createApp({ render: () => h(App, props) })
      .use(plugin)
      .mount(el)
  },
  progress: { color: '#1d4ed8' },
})
