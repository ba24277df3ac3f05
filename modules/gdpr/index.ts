/*
| Public surface of the `gdpr` module: the only file other code may import.
*/
export { default as manifest } from './module.js'
