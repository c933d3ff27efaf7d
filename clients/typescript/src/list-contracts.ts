// Lists a contractor's contracts with one status, page by page, through a client typed from the service's own OpenAPI
// document: the query parameters, the page's fields and each contract's fields are checked by `tsc --strict`, so a
// document that declared no query parameters (or left every field optional) would not compile.
// Usage: node dist/list-contracts.js <base URL, e.g. http://localhost:5080/api/v1> <API key> <KvK number> <status> <page size>
import createClient from "openapi-fetch";
import type { paths, components } from "./ledger.js";

type Contract = components["schemas"]["ContractResponse"];
type ListQuery = NonNullable<paths["/contracts"]["get"]["parameters"]["query"]>;

const [baseUrl, apiKey, contractorKvk, status, pageSizeText] = process.argv.slice(2);
if (!baseUrl || !apiKey || !contractorKvk || !status || !pageSizeText) {
  console.error("usage: list-contracts <base URL> <API key> <KvK number> <status> <page size>");
  process.exit(2);
}

const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${apiKey}` } });

const found: Contract[] = [];
const pages: { page: number; items: number; total: number }[] = [];
for (let page = 1; ; page++) {
  const query: ListQuery = { contractorKvk, status: status as NonNullable<ListQuery["status"]>, page, pageSize: Number(pageSizeText) };
  const { data, error, response } = await client.GET("/contracts", { params: { query } });
  if (error !== undefined) {
    console.error(`GET /contracts answered ${response.status}: ${JSON.stringify(error)}`);
    process.exit(1);
  }
  found.push(...data.items);
  pages.push({ page: data.page, items: data.items.length, total: data.total });
  if (page * data.pageSize >= data.total) break;
}

// Each contract's fields as the schema declares them: always present, so read without `?.`.
const contracts = found.map((contract) => ({
  id: contract.id,
  reference: contract.reference,
  status: contract.status,
  contractValue: contract.contractValue,
  kvkNumber: contract.contractor.kvkNumber,
}));
console.log(JSON.stringify({ pages, contracts }));
