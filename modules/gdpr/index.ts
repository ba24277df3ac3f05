/*
| Public surface of the `gdpr` module: the only file other code may import.
*/
export { default as manifest } from './module.js'
/** Art. 18 / Art. 21 for other modules: skip newsletters, analytics, directory listing. */
export { isProcessingRestricted, marketingAllowed } from './services/preferences_service.js'
export { GDPR_AUDIT_ACTIONS } from './services/rights_log.js'
export { clearGdprRateLimit } from './services/rate_limit.js'
