package io.smartlinkd.discount;

import java.util.ArrayList;
import java.util.List;

/** Codes minted and redeemed here only: every code is usable as soon as it is made. */
public final class LocalCodeProvider implements CodeProvider {
    @Override
    public List<ProvidedCode> create(List<String> codes) {
        List<ProvidedCode> created = new ArrayList<>(codes.size());
        for (String code : codes) {
            created.add(new ProvidedCode(code, 0));
        }
        return created;
    }

    @Override
    public void delete(List<ProvidedCode> codes) {
    }

    @Override
    public String name() {
        return "local";
    }
}
