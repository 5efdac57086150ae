"""The report document: one model (`model.Document`), three outputs.

    from reports.document import model, render_docx, render_html, render_pdf
    doc = model.Document(...)            # built by the annual-report compiler (issue 6)
    render_docx.render_docx(doc)         # bytes of an editable Word document
    render_html.render_html(doc)         # a whole HTML page; render_fragment(doc) for a portal page
    render_pdf.render_pdf(doc)           # bytes of a PDF drawn with the vendored fonts only

`sample.sample_document(language)` is seed 002 in this model (`manage.py render_sample_report`).
"""
