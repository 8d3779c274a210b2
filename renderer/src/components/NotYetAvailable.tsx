import { PageHeading } from './PageHeading';

/**
 * A screen a later version fills. It says so plainly and shows nothing that could be taken
 * for clinical data.
 */
export function notYetAvailable(title: string) {
  function NotYetAvailablePage() {
    return (
      <>
        <PageHeading>{title}</PageHeading>
        <p role="status" className="notice">
          This part of Medtrack ({title}) is not available in this version yet.
        </p>
      </>
    );
  }
  NotYetAvailablePage.displayName = `NotYetAvailable(${title})`;
  return NotYetAvailablePage;
}
