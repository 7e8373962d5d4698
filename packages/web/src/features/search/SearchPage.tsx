import { usePageTitle } from '../../app/page';
import { ServiceSearch } from './ServiceSearch';

export { PAGE_SIZE, SearchFormData, SearchServices } from './ServiceSearch';

/** Directory of Services search on its own: for any patient, without making a referral. */
export function SearchPage() {
  usePageTitle('Find a service');
  return (
    <>
      <h1>Find a service</h1>
      <ServiceSearch />
    </>
  );
}
