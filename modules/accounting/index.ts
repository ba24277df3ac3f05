/*
| Public surface of the `accounting` module: the only file other code may import.
*/
export { default as manifest } from './module.js'
