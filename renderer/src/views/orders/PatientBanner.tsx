/** The banner lives in components/ (one for every patient-scoped page); kept here for old imports. */
export { PatientBanner, PatientBannerFor } from '../../components/PatientBanner';
