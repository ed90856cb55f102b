// A response body that is JSON already (a list page as PostgreSQL wrote it): the route sends its
// text as it is, instead of parsing it only to write it again.
export class JsonText {
  constructor(readonly text: string) {}
}
