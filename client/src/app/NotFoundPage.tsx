import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <section className="page" aria-labelledby="page-title">
      <title>Not found · Vigil</title>
      <h1 id="page-title">Page not found</h1>
      <p>
        There is no page at this address. <Link to="/">Go to the home page</Link>.
      </p>
    </section>
  );
}
