/*
| Public surface of the `iot` module: the only file other code may import.
*/
export { default as manifest } from './module.js'
export { unitConsumptionShares, type ConsumptionShare } from './services/charge_key_service.js'
