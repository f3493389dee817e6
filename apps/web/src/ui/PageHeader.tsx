/** The title and one-line introduction at the top of a page; `titleId` labels the page's section. */
export function PageHeader({
  titleId,
  title,
  intro,
}: {
  titleId: string;
  title: string;
  intro: string;
}) {
  return (
    <div className="tp-page__head">
      <h1 id={titleId} className="tp-page__title">
        {title}
      </h1>
      <p className="tp-page__intro">{intro}</p>
    </div>
  );
}
