export { SessionUnlessBearerMiddleware as default } from '#middleware/bearer_api_fast_path'
