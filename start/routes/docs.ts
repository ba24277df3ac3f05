import router from '@adonisjs/core/services/router'

const OpenapiController = () => import('#controllers/openapi_controller')

// Public: the API description is no secret, and clients fetch it before logging in.
router.get('/api/v1/openapi.json', [OpenapiController, 'json']).as('docs.openapi')
router.get('/docs/api', [OpenapiController, 'page']).as('docs.api')
