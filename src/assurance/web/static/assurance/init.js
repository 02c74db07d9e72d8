// Start GOV.UK Frontend's components (skip link, service navigation, error summary ...).
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
