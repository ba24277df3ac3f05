/*
| Public surface of the `legal` module: the only file other code may import.
*/
export { default as manifest } from './module.js'
