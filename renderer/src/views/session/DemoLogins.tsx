import { roleLabel } from '../../format';
import './session.css';

interface DemoLogin {
  login: string;
  role: string;
  displayName: string;
}

/** Demo mode only: the made-up staff one can log in as, and their shared password. */
export function DemoLogins({ logins, password, onPick }: { logins: DemoLogin[]; password: string | null; onPick(login: string): void }) {
  return (
    <section aria-labelledby="demo-logins-heading" className="demo-logins">
      <h2 id="demo-logins-heading">Demo logins</h2>
      <p>
        Every demo login uses the password <code>{password}</code>.
      </p>
      <table>
        <caption className="visually-hidden">Demo logins</caption>
        <thead>
          <tr>
            <th scope="col">Login</th>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">
              <span className="visually-hidden">Fill in</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {logins.map((l) => (
            <tr key={l.login}>
              <td>
                <code>{l.login}</code>
              </td>
              <td>{l.displayName}</td>
              <td>{roleLabel(l.role)}</td>
              <td>
                <button type="button" className="secondary small" onClick={() => onPick(l.login)} aria-label={`Use ${l.login}`}>
                  Use
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
