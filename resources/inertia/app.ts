import './css/app.css'
import { createInertiaApp, router } from '@inertiajs/vue3'
import { createApp, h, type DefineComponent } from 'vue'
import { setApiOrganisation } from '~/lib/api'

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

type WithOrganisation = { organisation?: { id: string } | null }

createInertiaApp({
  title: (title) => (title ? `${title} · VME Cloud` : 'VME Cloud'),
  resolve: resolvePage,
  setup({ el, App, props, plugin }) {
    // API calls from a page act on the organisation that page shows.
    const initial = props.initialPage.props as WithOrganisation
    setApiOrganisation(initial.organisation?.id ?? null)
    router.on('navigate', (event) => {
      setApiOrganisation((event.detail.page.props as WithOrganisation).organisation?.id ?? null)
    })
    createApp({ render: () => h(App, props) })
      .use(plugin)
      .mount(el)
  },
  progress: { color: '#1d4ed8' },
})
