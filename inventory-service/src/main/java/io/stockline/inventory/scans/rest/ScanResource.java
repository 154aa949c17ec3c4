package io.stockline.inventory.scans.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.scans.service.ScanRequest;
import io.stockline.inventory.scans.service.ScanResult;
import io.stockline.inventory.scans.service.ScanService;
import io.stockline.platform.security.Roles;

@Path("/api/v1/scans")
@RolesAllowed(Roles.OPERATOR)
@Tag(name = "Scans", description = "Batches of barcode and RFID reads turned into receipt, pick or count lines.")
public class ScanResource {

    private final ScanService scans;

    public ScanResource(ScanService scans) {
        this.scans = scans;
    }

    @POST
    @Operation(operationId = "collateScans", summary = "Turn a batch of reads into lines",
            description = "Takes up to 50,000 reads from a handheld or an RFID gate and answers the SKUs and quantities "
                    + "they come to, ready to post as a purchase-order receipt, a pick or a count. An RFID tag "
                    + "(SGTIN-96 EPC) counts once however often it was read; a barcode read again by the same reader "
                    + "within `duplicateWindowMillis` (default 1000) is one scan. A GTIN with a wrong check digit "
                    + "refuses the batch with a problem naming the read. Changes no stock.")
    @APIResponse(responseCode = "200", description = "The lines, and the codes no item carries")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "handheld",
            value = """
                    {"purpose": "RECEIPT", "location": "WH-1", "duplicateWindowMillis": 800,
                     "reads": [{"code": "4006381333931", "at": "2026-11-30T09:15:02.120Z", "reader": "HH-07"},
                               {"code": "4006381333931", "at": "2026-11-30T09:15:02.310Z", "reader": "HH-07"},
                               {"code": "3074257BF7194E4000001A85", "at": "2026-11-30T09:15:03Z", "reader": "GATE-2"}]}""")))
    public Uni<ScanResult> collate(@Valid @NotNull ScanRequest request) {
        return scans.collate(request);
    }
}
