import { useTranslation } from 'react-i18next';
import { Button } from './Button';

/** What a paged list query offers for its next page (TanStack's infinite query has all of it). */
interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** The button under a paged list that reads its next page; nothing when there is none. */
export function LoadMoreButton({ query, testId }: { query: PagedQuery; testId: string }) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <div className="tp-conversations__more">
      <Button
        variant="secondary"
        block
        busy={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
        data-testid={testId}
      >
        {t('inbox.list.loadMore')}
      </Button>
    </div>
  );
}
