/**
 * The structured query of GET /user/search/query, as its OpenAPI description gives it:
 * - `[propertyKey].entity.property.path is "property value"`: the key in brackets, the path into the value after it
 *   (`[location].office.city is "Sydney"` for `{"office":{"city":"Sydney"}}`). The brackets delimit the key, so unlike
 *   `property=` of GET /user/search a key with dots can be named; an empty path compares the whole value.
 * - `is assignee|reporter|watcher|voter|commenter|transitioner of PROJ` or `… of (PROJ-1, PROJ-2)`;
 * - statements combined with `AND` and `OR`. The description gives no precedence and no grouping parentheses:
 *   AND binds tighter than OR here, and parentheses only enclose issue lists.
 * Keywords are matched ignoring case; a value is a double-quoted string (`\"` and `\\` escape).
 */
export type UserQuery =
  | { kind: 'property'; key: string; path: string[]; value: string }
  | { kind: 'issues'; role: string; targets: string[] }
  | { kind: 'and' | 'or'; operands: UserQuery[] };

export const ISSUE_ROLES = ['assignee', 'reporter', 'watcher', 'voter', 'commenter', 'transitioner'] as const;

/** Longer queries are refused (Jira documents no limit; this keeps a hostile query's cost bounded). */
export const MAX_QUERY_LENGTH = 4096;

class QuerySyntaxError extends Error {}

class Parser {
  private at = 0;
  constructor(private readonly text: string) {}

  parse(): UserQuery {
    const query = this.or();
    this.space();
    if (this.at < this.text.length) this.fail(`unexpected '${this.text.slice(this.at, this.at + 20)}'`);
    return query;
  }

  private fail(detail: string): never {
    throw new QuerySyntaxError(`${detail} at position ${this.at + 1}`);
  }

  private space(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at++;
  }

  /** Consumes `word` (ignoring case) when it comes next as a whole word. */
  private keyword(word: string): boolean {
    this.space();
    const next = this.text.slice(this.at, this.at + word.length);
    const after = this.text[this.at + word.length];
    if (next.toLowerCase() !== word || (after !== undefined && /[\w-]/.test(after))) return false;
    this.at += word.length;
    return true;
  }

  private or(): UserQuery {
    const operands = [this.and()];
    while (this.keyword('or')) operands.push(this.and());
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  }

  private and(): UserQuery {
    const operands = [this.statement()];
    while (this.keyword('and')) operands.push(this.statement());
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  }

  private statement(): UserQuery {
    this.space();
    if (this.text[this.at] === '[') return this.property();
    if (this.keyword('is')) return this.issues();
    return this.fail(`expected '[propertyKey]' or 'is … of'`);
  }

  private property(): UserQuery {
    const close = this.text.indexOf(']', this.at + 1);
    if (close < 0) this.fail("the property key's ']' is missing");
    const key = this.text.slice(this.at + 1, close);
    if (key.trim() === '') this.fail('the property key is empty');
    this.at = close + 1;
    const path: string[] = [];
    while (this.text[this.at] === '.') {
      this.at++;
      const segment = /^[^\s.[\]"()]+/.exec(this.text.slice(this.at))?.[0];
      if (!segment) this.fail('a path segment is empty');
      path.push(segment);
      this.at += segment.length;
    }
    if (!this.keyword('is')) this.fail("expected 'is' after the property path");
    return { kind: 'property', key, path, value: this.quoted() };
  }

  private quoted(): string {
    this.space();
    if (this.text[this.at] !== '"') this.fail('expected a value in double quotes');
    let value = '';
    for (let i = this.at + 1; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '\\' && i + 1 < this.text.length) {
        value += this.text[++i];
      } else if (c === '"') {
        this.at = i + 1;
        return value;
      } else {
        value += c;
      }
    }
    return this.fail('the closing double quote is missing');
  }

  private issues(): UserQuery {
    const role = ISSUE_ROLES.find((r) => this.keyword(r));
    if (!role) this.fail(`expected one of ${ISSUE_ROLES.join(', ')} after 'is'`);
    if (!this.keyword('of')) this.fail(`expected 'of' after 'is ${role}'`);
    this.space();
    const item = () => {
      this.space();
      const word = /^[A-Za-z][A-Za-z0-9_]*(-\d+)?/.exec(this.text.slice(this.at))?.[0];
      if (!word) this.fail('expected a project key or an issue key');
      this.at += word.length;
      return word;
    };
    if (this.text[this.at] !== '(') return { kind: 'issues', role, targets: [item()] };
    this.at++;
    const targets = [item()];
    for (this.space(); this.text[this.at] === ','; this.space()) {
      this.at++;
      targets.push(item());
    }
    if (this.text[this.at] !== ')') this.fail("expected ',' or ')' in the list of issues");
    this.at++;
    return { kind: 'issues', role, targets };
  }
}

/** The parsed query, or why it is not one (for the documented 400 "Returned if the query is invalid"). */
export function parseUserQuery(text: string): { ok: true; query: UserQuery } | { ok: false; error: string } {
  if (text.length > MAX_QUERY_LENGTH) return { ok: false, error: `the query is longer than ${MAX_QUERY_LENGTH} characters` };
  try {
    return { ok: true, query: new Parser(text).parse() };
  } catch (error) {
    if (error instanceof QuerySyntaxError) return { ok: false, error: error.message };
    throw error;
  }
}

/** Every statement of the query, depth first. */
export function statementsOf(query: UserQuery): Array<Exclude<UserQuery, { operands: UserQuery[] }>> {
  return 'operands' in query ? query.operands.flatMap(statementsOf) : [query];
}
