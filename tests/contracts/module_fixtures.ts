/*
| Loads each feature module's cross-organisation fixtures (they push a creator into
| `fixtureCreators`). A module without resources of its own simply has no file here.
*/
await Promise.all(
  ['gdpr', 'accounting', 'legal', 'community', 'iot'].map((key) =>
    import(`../../modules/${key}/tests/contract_fixtures.js`).catch((error) => {
      if (
        error?.code !== 'ERR_MODULE_NOT_FOUND' ||
        !String(error.message).includes('contract_fixtures')
      )
        throw error
    })
  )
)
