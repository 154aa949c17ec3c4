package io.stockline.console.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Pages every feature shares. */
@CheckedTemplate(basePath = "shared")
public class Pages {

    public static native TemplateInstance forbidden();
}
