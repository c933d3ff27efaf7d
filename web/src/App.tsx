export function App() {
  return <main id="inhoud"><h1>SROI</h1></main>;
}
