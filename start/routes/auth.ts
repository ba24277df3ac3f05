import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const AuthController = () => import('#controllers/auth_controller')

router
  .group(() => {
    router.post('/signup', [AuthController, 'signup']).as('auth.signup')
    router.post('/auth/login', [AuthController, 'login']).as('auth.login')
    router.post('/auth/logout', [AuthController, 'logout']).as('auth.logout').use(middleware.auth())
    router.get('/me', [AuthController, 'me']).as('auth.me').use(middleware.auth())
  })
  .prefix('/api/v1')
