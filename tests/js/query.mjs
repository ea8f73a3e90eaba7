// Run one SPARQL query with Comunica against a SPARQL endpoint; print JSON lines.
// Usage: node query.mjs ENDPOINT QUERY [sparql|auto]
// SELECT prints one JSON object per solution ({variable: value}); CONSTRUCT prints one
// [subject, predicate, object] array per triple. With "auto" Comunica finds out from the
// endpoint's service description that it is a SPARQL endpoint.
import { QueryEngine } from "@comunica/query-sparql";

const [endpoint, query, kind = "sparql"] = process.argv.slice(2);
const source = kind === "auto" ? endpoint : { type: "sparql", value: endpoint };
const engine = new QueryEngine();
const result = await engine.query(query, { sources: [source] });
if (result.resultType === "bindings") {
  const stream = await result.execute();
  for await (const bindings of stream) {
    const row = {};
    for (const [variable, term] of bindings) row[variable.value] = term.value;
    console.log(JSON.stringify(row));
  }
} else if (result.resultType === "quads") {
  const stream = await result.execute();
  for await (const quad of stream) {
    console.log(JSON.stringify([quad.subject.value, quad.predicate.value, quad.object.value]));
  }
} else {
  console.log(JSON.stringify(await result.execute()));
}
