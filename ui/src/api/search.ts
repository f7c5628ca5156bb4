import { call } from "./client";
import type { SearchHit } from "./bindings/SearchHit";

export const search = {
  query(query: string, limit: number): Promise<SearchHit[]> {
    return call("search_query", { query, limit });
  },
};
