/*
| Core routes. Each area has its own file under start/routes/; feature modules
| register theirs from their provider.
*/
import '#start/routes/system'
import '#start/routes/auth'
import '#start/routes/two_factor'
import '#start/routes/organisation'
import '#start/routes/buildings'
import '#start/routes/platform'
import '#start/routes/docs'
import '#start/routes/web'
import '#start/routes/billing'
