// Below a list: "Load more" while the backend has another page.
import Button from '@atlaskit/button/new';

export function ListFooter({ hasMore, loading, onLoadMore }: { hasMore: boolean; loading: boolean; onLoadMore: () => void }) {
  if (!hasMore) return null;
  return (
    <div className="list-footer">
      <Button onClick={onLoadMore} isLoading={loading}>
        Load more
      </Button>
    </div>
  );
}
