/*
| Public surface of the `community` module: the only file other code may import.
*/
export { default as manifest } from './module.js'
